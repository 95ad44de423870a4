package io.github.dynamodbstream.emulator.internal.expression;

import java.util.List;

/** Rejects an expression whose document paths overlap (one is the other or within it) or conflict. */
final class PathOverlaps {

    private PathOverlaps() {
    }

    static void check(TokenStream tokens, List<DocumentPath> paths) {
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                check(tokens, paths.get(i), paths.get(j));
            }
        }
    }

    private static void check(TokenStream tokens, DocumentPath first, DocumentPath second) {
        List<PathElement> one = first.elements();
        List<PathElement> two = second.elements();
        for (int i = 0; i < Math.min(one.size(), two.size()); i++) {
            if (one.get(i).getClass() != two.get(i).getClass()) {
                // The same value reached both as a map and as a list: the paths cannot both be valid.
                throw tokens.error("Two document paths conflict with each other; must remove or rewrite one of these"
                        + " paths; path one: " + first + ", path two: " + second);
            }
            if (!one.get(i).equals(two.get(i))) {
                return;
            }
        }
        throw tokens.error("Two document paths overlap with each other; must remove or rewrite one of these paths;"
                + " path one: " + first + ", path two: " + second);
    }
}
