"""The minutes (verslag): built once as a Document, written as Word, Markdown or an e-mail draft."""
