import KanssaApp

await Kanssa.main()
