"""The safety screen: red flags, pregnancy and recent surgery, each leading to calm advice at the right level."""
