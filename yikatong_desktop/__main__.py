from yikatong_desktop.cli.start import main

raise SystemExit(main())
