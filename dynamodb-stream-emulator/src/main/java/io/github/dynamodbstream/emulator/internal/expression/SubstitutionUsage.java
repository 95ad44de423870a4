package io.github.dynamodbstream.emulator.internal.expression;

import io.github.dynamodbstream.emulator.internal.ApiException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Checks that every ExpressionAttributeNames and ExpressionAttributeValues entry of a request is used. */
final class SubstitutionUsage {

    private SubstitutionUsage() {
    }

    static void requireAllUsed(ExpressionContext context, String... expressions) {
        List<String> given = Stream.of(expressions).filter(Objects::nonNull).collect(Collectors.toList());
        if (given.isEmpty()) {
            if (!context.names().isEmpty()) {
                throw ApiException.validation("ExpressionAttributeNames can only be specified when using expressions");
            }
            if (!context.values().isEmpty()) {
                throw ApiException.validation("ExpressionAttributeValues can only be specified when using expressions");
            }
            return;
        }
        Set<String> used = new HashSet<>();
        for (String expression : given) {
            Tokenizer.tokenize(expression).stream()
                    .filter(token -> token.is(Token.Type.NAME_REF) || token.is(Token.Type.VALUE_REF))
                    .forEach(token -> used.add(token.text()));
        }
        requireUsed("ExpressionAttributeNames", context.names().keySet(), used);
        Set<String> values = new HashSet<>();
        context.values().fieldNames().forEachRemaining(values::add);
        requireUsed("ExpressionAttributeValues", values, used);
    }

    private static void requireUsed(String parameter, Set<String> given, Set<String> used) {
        Set<String> unused = new TreeSet<>(given);
        unused.removeAll(used);
        if (!unused.isEmpty()) {
            throw ApiException.validation("Value provided in " + parameter + " unused in expressions: keys: {"
                    + String.join(", ", unused) + "}");
        }
    }
}
