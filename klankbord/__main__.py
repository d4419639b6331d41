from klankbord.cli import main

main()
