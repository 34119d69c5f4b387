/*
 * The .gq graph dialect: mutations, match/return reads, admin statements and
 * query declarations. Parse only; MutationParser turns the tree into the AST in
 * dev.quiver.grammar.ast. Keywords are lower-case and case-sensitive; every
 * keyword except true/false may also be used where an identifier is expected
 * (properties called `date`, `count` or `from` are common).
 *
 * The lexer never fails: malformed input becomes one of the *_ERROR tokens
 * below, which MutationParser reports with a specific message before parsing.
 */
grammar Gq;

// ---------------------------------------------------------------- structure

script
    : queryDeclaration+ EOF
    | statement+ EOF
    ;

queryDeclaration
    : QUERY name=ident LPAREN parameterList? RPAREN annotation* LBRACE statement+ RBRACE
    ;

parameterList
    : parameterDeclaration (COMMA parameterDeclaration)* COMMA?
    ;

parameterDeclaration
    : VARIABLE COLON parameterType
    ;

parameterType
    : ( LBRACKET element=TYPE_NAME RBRACKET
      | vector=TYPE_NAME LPAREN dimension=INTEGER RPAREN
      | scalar=TYPE_NAME
      ) nullable=QUESTION?
    ;

annotation
    : kind=(AT_DESCRIPTION | AT_INSTRUCTION) LPAREN STRING RPAREN
    ;

statement
    : insertStatement
    | updateStatement
    | deleteStatement
    | matchQuery
    | loadStatement
    | optimizeStatement
    | cleanupStatement
    ;

// ---------------------------------------------------------------- mutations

insertStatement
    : INSERT TYPE_NAME LBRACE assignment+ RBRACE
    ;

updateStatement
    : UPDATE TYPE_NAME SET LBRACE assignment+ RBRACE WHERE predicate
    ;

deleteStatement
    : DELETE TYPE_NAME WHERE predicate
    ;

assignment
    : ident COLON value COMMA?
    ;

predicate
    : conjunction (OR conjunction)*
    ;

conjunction
    : predicatePrimary (AND predicatePrimary)*
    ;

predicatePrimary
    : NOT predicatePrimary                        # notPredicate
    | LPAREN predicate RPAREN                     # parenthesizedPredicate
    | ident comparisonOperator value              # comparison
    | ident textOperator value                    # textComparison
    ;

comparisonOperator
    : EQ | NE | LT | LE | GT | GE
    ;

// Only to report "not allowed in a mutation predicate" precisely.
textOperator
    : CONTAINS | STARTS_WITH
    ;

// ---------------------------------------------------------------- values

value
    : literal
    | VARIABLE
    | QUESTION
    | NOW LPAREN RPAREN
    ;

literal
    : scalarLiteral
    | listLiteral
    ;

scalarLiteral
    : STRING                                      # stringLiteral
    | INTEGER                                     # integerLiteral
    | FLOAT                                       # floatLiteral
    | (TRUE | FALSE)                              # boolLiteral
    | DATE LPAREN STRING RPAREN                   # dateLiteral
    | DATETIME LPAREN STRING RPAREN               # dateTimeLiteral
    ;

listLiteral
    : LBRACKET (scalarLiteral (COMMA scalarLiteral)* COMMA?)? RBRACKET
    ;

// ---------------------------------------------------------------- reads

matchQuery
    : MATCH LBRACE clause+ RBRACE returnClause orderClause? limitClause?
    ;

// Order matters: `$a contains $b` is a traversal over an edge named
// `contains`, as in the reference language.
clause
    : negation
    | binding
    | traversal
    | filter
    ;

negation
    : NOT LBRACE clause+ RBRACE
    ;

binding
    : VARIABLE COLON TYPE_NAME (LBRACE propertyMatch+ RBRACE)?
    ;

propertyMatch
    : ident COLON value COMMA?
    ;

traversal
    : source=VARIABLE (edgeVariable=VARIABLE COLON)?
      (LT undirected=ident GT | directed=ident) bounds? target=VARIABLE
    ;

bounds
    : LBRACE min=INTEGER COMMA max=INTEGER? RBRACE
    ;

filter
    : expression filterOperator expression
    ;

filterOperator
    : EQ | NE | LT | LE | GT | GE | CONTAINS | STARTS_WITH
    ;

expression
    : function=(COUNT | SUM | AVG | MIN | MAX) LPAREN expression RPAREN   # aggregateExpression
    | NOW LPAREN RPAREN                                                  # nowExpression
    | VARIABLE DOT ident                                                 # propertyExpression
    | VARIABLE                                                           # variableExpression
    | QUESTION                                                           # positionalExpression
    | literal                                                            # literalExpression
    | ident                                                              # aliasExpression
    ;

returnClause
    : RETURN LBRACE projection+ RBRACE
    ;

projection
    : expression (AS ident)? COMMA?
    ;

orderClause
    : ORDER LBRACE ordering (COMMA ordering)* COMMA? RBRACE
    ;

ordering
    : expression direction=(ASC | DESC)?
    ;

limitClause
    : LIMIT INTEGER
    ;

// ---------------------------------------------------------------- admin

loadStatement
    : LOAD STRING (MODE loadMode=(APPEND | MERGE | OVERWRITE))?
    ;

optimizeStatement
    : OPTIMIZE
    ;

cleanupStatement
    : CLEANUP (KEEP INTEGER)?
    ;

// ---------------------------------------------------------------- names

ident
    : IDENT
    | QUERY | INSERT | UPDATE | SET | WHERE | DELETE | AND | OR | NOT
    | MATCH | RETURN | ORDER | LIMIT | ASC | DESC | AS
    | DATE | DATETIME | NOW | COUNT | SUM | AVG | MIN | MAX | CONTAINS | STARTS_WITH
    | LOAD | MODE | APPEND | MERGE | OVERWRITE | OPTIMIZE | CLEANUP | KEEP
    ;

// ---------------------------------------------------------------- lexer

QUERY       : 'query';
INSERT      : 'insert';
UPDATE      : 'update';
SET         : 'set';
WHERE       : 'where';
DELETE      : 'delete';
AND         : 'and';
OR          : 'or';
NOT         : 'not';
MATCH       : 'match';
RETURN      : 'return';
ORDER       : 'order';
LIMIT       : 'limit';
ASC         : 'asc';
DESC        : 'desc';
AS          : 'as';
TRUE        : 'true';
FALSE       : 'false';
DATE        : 'date';
DATETIME    : 'datetime';
NOW         : 'now';
COUNT       : 'count';
SUM         : 'sum';
AVG         : 'avg';
MIN         : 'min';
MAX         : 'max';
CONTAINS    : 'contains';
STARTS_WITH : 'starts_with';
LOAD        : 'load';
MODE        : 'mode';
APPEND      : 'append';
MERGE       : 'merge';
OVERWRITE   : 'overwrite';
OPTIMIZE    : 'optimize';
CLEANUP     : 'cleanup';
KEEP        : 'keep';

AT_DESCRIPTION : '@description';
AT_INSTRUCTION : '@instruction';

LBRACE   : '{';
RBRACE   : '}';
LPAREN   : '(';
RPAREN   : ')';
LBRACKET : '[';
RBRACKET : ']';
COMMA    : ',';
COLON    : ':';
DOT      : '.';
QUESTION : '?';
NE       : '!=';
LE       : '<=';
GE       : '>=';
EQ       : '=';
LT       : '<';
GT       : '>';

VARIABLE  : '$' [a-z_] [A-Za-z0-9_]*;
TYPE_NAME : [A-Z] [A-Za-z0-9_]*;
IDENT     : [a-z_] [A-Za-z0-9_]*;
FLOAT     : DIGIT+ '.' DIGIT+;
INTEGER   : DIGIT+;
STRING    : '"' (ESCAPE | ~["\\\r\n])* '"';

LINE_COMMENT  : '//' ~[\r\n]* -> skip;
BLOCK_COMMENT : '/*' .*? '*/' -> skip;
WHITESPACE    : [ \t\r\n]+ -> skip;

// Error tokens: matched only where nothing valid matches, reported by MutationParser.
BAD_ESCAPE_ERROR          : '"' (ESCAPE | ~["\\\r\n])* '\\' ~["\\nrt];
UNTERMINATED_STRING_ERROR : '"' (ESCAPE | ~["\\\r\n])*;
UNTERMINATED_COMMENT_ERROR: '/*' (~'*' | '*'+ ~[*/])* '*'* EOF;
BAD_VARIABLE_ERROR        : '$' [A-Z0-9] [A-Za-z0-9_]*;
MINUS_ERROR               : '-';
CHARACTER_ERROR           : .;

fragment DIGIT  : [0-9];
fragment ESCAPE : '\\' ["\\nrt];
