package io.github.dynamodbstream.core.internal.record;

/** Whether the optional DynamoDB Enhanced Client is on the class path; refers to none of its classes. */
public final class EnhancedClient {

    /** Whether {@code software.amazon.awssdk:dynamodb-enhanced} is on the class path. */
    public static final boolean PRESENT = isPresent("software.amazon.awssdk.enhanced.dynamodb.TableSchema");

    private EnhancedClient() {
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, EnhancedClient.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
