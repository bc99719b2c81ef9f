from healthlint.entry import main

main()
