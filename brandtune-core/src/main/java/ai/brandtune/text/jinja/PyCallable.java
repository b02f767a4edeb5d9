package ai.brandtune.text.jinja;

/** Anything a template can call: globals, bound methods of values, macros. */
interface PyCallable {

  Object call(Args args);
}
