/**
 * The {@code brandtune} command line: one picocli command class per verb, the options they share
 * (model, sampling, conversation) and the one-line error reporting every command relies on.
 */
package ai.brandtune.cli;
