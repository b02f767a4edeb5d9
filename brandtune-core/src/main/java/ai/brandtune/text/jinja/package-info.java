/**
 * A small interpreter for the chat-template subset of Python Jinja2 (lexer, parser, AST,
 * interpreter and Python-like values), built to render Hugging Face chat templates byte for byte as
 * {@code jinja2} does inside {@code transformers}.
 */
package ai.brandtune.text.jinja;
