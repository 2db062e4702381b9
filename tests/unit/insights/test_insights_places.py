"""Places (region and side) as the insights sort them."""


def test_places_with_and_without_a_side_sort_together() -> None:
    from crest.insights.pain import Place
    from crest.journal.vocabulary import Region, Side

    places = [Place(Region.HIP, Side.LEFT), Place(Region.HIP, None), Place(Region.BUTTOCK, Side.RIGHT)]
    assert sorted(places) == [Place(Region.BUTTOCK, Side.RIGHT), Place(Region.HIP, None), Place(Region.HIP, Side.LEFT)]
