package io.github.dynamodbstream.emulator.internal.expression;

/**
 * Parses DynamoDB expressions. Every method throws
 * {@link io.github.dynamodbstream.emulator.internal.ApiException} (ValidationException) with a message like
 * DynamoDB's for a syntax error, an undefined {@code #name} or {@code :value}, or an operand of the wrong type.
 * Errors that depend on the item (an arithmetic operand that is missing or not a number, for example) are thrown
 * when the parsed expression is applied.
 *
 * <p>A request may carry several expressions sharing one {@link ExpressionContext}; once they are all parsed, call
 * {@link #requireAllSubstitutionsUsed} to reject names and values that none of them uses, as DynamoDB does.
 */
public final class Expressions {

    private Expressions() {
    }

    /** A ConditionExpression. */
    public static Condition condition(String expression, ExpressionContext context) {
        return new ConditionEvaluator(ConditionParser.parse("ConditionExpression", expression, context));
    }

    /** A FilterExpression: the grammar of a condition, with errors naming the filter. */
    public static Condition filter(String expression, ExpressionContext context) {
        return new ConditionEvaluator(ConditionParser.parse("FilterExpression", expression, context));
    }

    public static Update update(String expression, ExpressionContext context) {
        return new ItemUpdater(UpdateParser.parse(expression, context));
    }

    public static Projection projection(String expression, ExpressionContext context) {
        return new ItemProjector(ProjectionParser.parse(expression, context));
    }

    /**
     * @param partitionKeyName the table's (or index's) partition key attribute
     * @param sortKeyName the sort key attribute, or {@code null} when the key has none
     */
    public static KeyCondition keyCondition(
            String expression, ExpressionContext context, String partitionKeyName, String sortKeyName) {
        ConditionNode condition = ConditionParser.parse("KeyConditionExpression", expression, context);
        return KeyConditionBuilder.build(condition, partitionKeyName, sortKeyName);
    }

    /**
     * Rejects ExpressionAttributeNames or ExpressionAttributeValues entries that none of the request's expressions
     * uses, and substitutions given to a request without expressions.
     *
     * @param expressions all expressions of the request; {@code null} for those it does not have
     */
    public static void requireAllSubstitutionsUsed(ExpressionContext context, String... expressions) {
        SubstitutionUsage.requireAllUsed(context, expressions);
    }
}
