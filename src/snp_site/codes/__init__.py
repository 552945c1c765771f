"""The `[[...]]` codes editors write in Markdown, such as [[cijfer pilot.brieven]].

One module per code (`cijfer`, `grafiek`, `schatting`, `download`, `bron`, `contact`), each with a
`NAME`, a `check(args, content)` run before anything is written and a `render(args, context)` run when
MkDocs reads the page; `registry.CODES` lists them (a new code is one module and one entry).
`syntax` splits a code's arguments, `context` holds what a renderer may use.

`content/` uses this package to check and fill in pages; nothing here imports `content/` at run
time (its types are named for type checking only), so the two cannot form an import loop.
"""
