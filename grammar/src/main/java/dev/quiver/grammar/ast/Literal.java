package dev.quiver.grammar.ast;

/** A constant written in the text. There is no null literal and no unary minus. */
public sealed interface Literal extends Value
    permits StringLiteral, IntegerLiteral, FloatLiteral, BoolLiteral, DateLiteral, DateTimeLiteral,
        ListLiteral {}
