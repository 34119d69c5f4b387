/*
 * The .pg schema language. Follows the reference grammar (schema.pest) rule for rule; see
 * docs/schema-language.md. Checks that need more than one token of context (base type names, enum values
 * written without whitespace, string escapes, constraint argument shapes) live in SchemaAstBuilder so that
 * they can report a precise position.
 */
grammar Schema;

schemaFile
    : declaration* EOF
    ;

declaration
    : interfaceDecl
    | nodeDecl
    | edgeDecl
    ;

interfaceDecl
    : INTERFACE typeName LBRACE propertyDecl* RBRACE
    ;

// Type-level annotations come before `implements`, as in the reference.
nodeDecl
    : NODE typeName annotation* implementsClause? LBRACE member* RBRACE
    ;

implementsClause
    : IMPLEMENTS typeName (COMMA typeName)*
    ;

// `@card` must come before any other annotation; the body is optional.
edgeDecl
    : EDGE typeName COLON typeName ARROW typeName cardinality? annotation* (LBRACE member* RBRACE)?
    ;

cardinality
    : AT CARD LPAREN INTEGER DOTDOT INTEGER? RPAREN
    ;

member
    : propertyDecl
    | bodyConstraint
    ;

propertyDecl
    : ident COLON typeRef annotation*
    ;

typeRef
    : coreType QUESTION?
    ;

coreType
    : LBRACKET typeName RBRACKET                            # listType
    | ENUM LPAREN enumValue (COMMA enumValue)* RPAREN       # enumType
    | typeName LPAREN INTEGER RPAREN                        # vectorType
    | typeName                                              # baseType
    ;

// [A-Za-z0-9_-]+ in the reference: several tokens, which the AST builder requires to be adjacent.
enumValue
    : enumAtom+
    ;

enumAtom
    : IDENT | TYPE_NAME | INTEGER | MINUS | keyword | TRUE | FALSE
    ;

// A constraint name followed by `(` is always a body constraint, never a property annotation.
bodyConstraint
    : AT constraintName LPAREN constraintArg (COMMA constraintArg)* RPAREN
    ;

constraintName
    : KEY | UNIQUE | INDEX | RANGE | CHECK
    ;

constraintArg
    : rangeBound
    | literal
    | ident
    ;

rangeBound
    : number DOTDOT number?
    | DOTDOT number
    ;

number
    : MINUS? (INTEGER | FLOAT)
    ;

annotation
    : AT propertyConstraintName                                          # propertyConstraint
    | AT annotationName (LPAREN annotationArg (COMMA annotationArg)* RPAREN)?  # freeAnnotation
    ;

propertyConstraintName
    : KEY | UNIQUE | INDEX
    ;

annotationArg
    : ident EQUALS literal      # keywordArg
    | literal                   # literalArg
    | ident                     # identArg
    ;

literal
    : STRING | FLOAT | INTEGER | TRUE | FALSE
    ;

typeName
    : TYPE_NAME
    ;

// Keywords are contextual: a property may be called `node` or `index`.
ident
    : IDENT | keyword
    ;

annotationName
    : IDENT | INTERFACE | NODE | EDGE | IMPLEMENTS | ENUM
    ;

keyword
    : INTERFACE | NODE | EDGE | IMPLEMENTS | ENUM | KEY | UNIQUE | INDEX | RANGE | CHECK | CARD
    ;

INTERFACE  : 'interface' ;
NODE       : 'node' ;
EDGE       : 'edge' ;
IMPLEMENTS : 'implements' ;
ENUM       : 'enum' ;
KEY        : 'key' ;
UNIQUE     : 'unique' ;
INDEX      : 'index' ;
RANGE      : 'range' ;
CHECK      : 'check' ;
CARD       : 'card' ;
TRUE       : 'true' ;
FALSE      : 'false' ;

LBRACE   : '{' ;
RBRACE   : '}' ;
LPAREN   : '(' ;
RPAREN   : ')' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
COLON    : ':' ;
COMMA    : ',' ;
ARROW    : '->' ;
DOTDOT   : '..' ;
QUESTION : '?' ;
AT       : '@' ;
EQUALS   : '=' ;
MINUS    : '-' ;

TYPE_NAME : [A-Z] [A-Za-z0-9_]* ;
IDENT     : [a-z_] [A-Za-z0-9_]* ;
FLOAT     : [0-9]+ '.' [0-9]+ ;
INTEGER   : [0-9]+ ;
// Any escape lexes; SchemaAstBuilder accepts exactly \" \\ \n \r \t.
STRING    : '"' (~["\\] | '\\' .)* '"' ;

LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS            : [ \t\r\n]+ -> skip ;
