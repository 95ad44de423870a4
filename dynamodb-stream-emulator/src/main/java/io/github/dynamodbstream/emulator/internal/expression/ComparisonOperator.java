package io.github.dynamodbstream.emulator.internal.expression;

import com.fasterxml.jackson.databind.JsonNode;

/** The comparators of conditions, with DynamoDB's treatment of missing values and mismatched types. */
enum ComparisonOperator {
    EQUAL("="), NOT_EQUAL("<>"), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    static ComparisonOperator of(Token token) {
        switch (token.type()) {
            case EQ:
                return EQUAL;
            case NE:
                return NOT_EQUAL;
            case LT:
                return LESS;
            case LE:
                return LESS_OR_EQUAL;
            case GT:
                return GREATER;
            case GE:
                return GREATER_OR_EQUAL;
            default:
                return null;
        }
    }

    boolean isOrdering() {
        return this != EQUAL && this != NOT_EQUAL;
    }

    /** The operator that gives the same result with its operands swapped ({@code a < b} is {@code b > a}). */
    ComparisonOperator mirrored() {
        switch (this) {
            case LESS:
                return GREATER;
            case LESS_OR_EQUAL:
                return GREATER_OR_EQUAL;
            case GREATER:
                return LESS;
            case GREATER_OR_EQUAL:
                return LESS_OR_EQUAL;
            default:
                return this;
        }
    }

    /**
     * Compares two values in DynamoDB JSON, either of which may be {@code null} (missing). {@code <>} is the
     * negation of {@code =}, so it holds for a missing value; orderings hold only between two numbers, two strings
     * or two binaries.
     */
    boolean test(JsonNode left, JsonNode right) {
        if (this == EQUAL || this == NOT_EQUAL) {
            boolean equal = left != null && right != null && AttributeValues.equal(left, right);
            return equal == (this == EQUAL);
        }
        if (left == null || right == null || !AttributeValues.ordered(left, right)) {
            return false;
        }
        int comparison = AttributeValues.compare(left, right);
        switch (this) {
            case LESS:
                return comparison < 0;
            case LESS_OR_EQUAL:
                return comparison <= 0;
            case GREATER:
                return comparison > 0;
            default:
                return comparison >= 0;
        }
    }
}
