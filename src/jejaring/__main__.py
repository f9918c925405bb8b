from jejaring.cli import main

main()
