package io.github.dynamodbstream.emulator.internal.expression;

import java.util.ArrayList;
import java.util.List;

/** Parses a projection expression: document paths separated by commas, none overlapping another. */
final class ProjectionParser {

    private ProjectionParser() {
    }

    static List<DocumentPath> parse(String expression, ExpressionContext context) {
        TokenStream tokens = new TokenStream("ProjectionExpression", expression);
        OperandParser operands = new OperandParser(tokens, context);
        List<DocumentPath> paths = new ArrayList<>();
        do {
            paths.add(operands.path());
        } while (tokens.accept(Token.Type.COMMA));
        tokens.expectEnd();
        PathOverlaps.check(tokens, paths);
        return paths;
    }
}
