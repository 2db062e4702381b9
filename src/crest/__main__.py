from crest.cli.app import main

main()
