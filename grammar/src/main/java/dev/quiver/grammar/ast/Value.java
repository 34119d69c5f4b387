package dev.quiver.grammar.ast;

/** What a mutation may assign or compare with: a literal, a parameter or {@code now()}. */
public sealed interface Value extends Expression permits Literal, Parameter, Now {}
