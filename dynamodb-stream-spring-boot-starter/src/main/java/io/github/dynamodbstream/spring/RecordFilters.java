package io.github.dynamodbstream.spring;

import io.github.dynamodbstream.core.record.ChangeRecord;
import io.github.dynamodbstream.core.record.ChangeType;
import io.github.dynamodbstream.spring.diagnostics.DynamoDbStreamConfigurationException;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

/**
 * Turns a stream's {@code filter.*} keys into the predicate of the records it delivers: by change type, then by a
 * SpEL condition on the record's type, keys and images, evaluated in a read-only context (no method calls on
 * beans, no types, no assignments).
 */
final class RecordFilters {

    private RecordFilters() {
    }

    /**
     * @param filter the stream's {@code filter} keys, each one the stream does not set already the top-level one
     * @param conditionProperty the property that set the condition, for error messages
     * @throws DynamoDbStreamConfigurationException when the condition does not parse
     */
    static Predicate<ChangeRecord> of(StreamProperties.Filter filter, String conditionProperty) {
        Set<ChangeType> types = filter.getChangeTypes();
        String condition = filter.getCondition();
        Predicate<ChangeRecord> byType = types.isEmpty() || types.containsAll(EnumSet.allOf(ChangeType.class))
                ? null : byType(EnumSet.copyOf(types));
        Predicate<ChangeRecord> byCondition = hasText(condition)
                ? new Condition(condition.trim(), conditionProperty) : null;
        if (byType == null) {
            return byCondition != null ? byCondition : record -> true;
        }
        return byCondition != null ? byType.and(byCondition) : byType;
    }

    private static Predicate<ChangeRecord> byType(EnumSet<ChangeType> types) {
        return record -> types.contains(record.type());
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    /** A SpEL condition; the images are converted to plain maps only when the condition names them. */
    private static final class Condition implements Predicate<ChangeRecord> {

        private static final SpelExpressionParser PARSER = new SpelExpressionParser();

        private final Expression expression;
        private final String text;
        private final String property;
        private final boolean usesKeys;
        private final boolean usesNewImage;
        private final boolean usesOldImage;

        Condition(String text, String property) {
            try {
                this.expression = PARSER.parseExpression(text);
            } catch (ParseException e) {
                throw new DynamoDbStreamConfigurationException(property + " '" + text + "' is not a valid SpEL "
                        + "expression: " + e.getMessage(), "Write a boolean SpEL condition on the variables #type, "
                        + "#keys, #newImage and #oldImage, for example: #type != 'REMOVE' and "
                        + "#newImage['status'] == 'PAID'.", e);
            }
            this.text = text;
            this.property = property;
            this.usesKeys = text.contains("#keys");
            this.usesNewImage = text.contains("#newImage");
            this.usesOldImage = text.contains("#oldImage");
        }

        @Override
        public boolean test(ChangeRecord record) {
            EvaluationContext context = SimpleEvaluationContext.forReadOnlyDataBinding().build();
            context.setVariable("type", record.type().name());
            if (usesKeys) {
                context.setVariable("keys", record.keyItem());
            }
            if (usesNewImage) {
                context.setVariable("newImage", record.newItem());
            }
            if (usesOldImage) {
                context.setVariable("oldImage", record.oldItem());
            }
            try {
                return Boolean.TRUE.equals(expression.getValue(context, Boolean.class));
            } catch (EvaluationException e) {
                throw new IllegalStateException(property + " '" + text + "' could not be evaluated on the "
                        + record.type() + " record of shard " + record.shardId() + " at sequence number "
                        + record.sequenceNumber() + ": " + e.getMessage(), e);
            }
        }
    }
}
