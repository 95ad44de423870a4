package io.github.dynamodbstream.emulator.internal;

/**
 * An error answered to the client the way DynamoDB answers it: an HTTP status and a JSON body
 * {@code {"__type": "com.amazonaws.dynamodb.v20120810#<name>", "message": ...}}. {@link ApiError} lists the errors.
 */
public final class ApiException extends RuntimeException {

    private final ApiError error;

    ApiException(ApiError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    /** A {@code ValidationException}, the error most requests answer with. */
    public static ApiException validation(String message) {
        return ApiError.VALIDATION.exception(message);
    }

    public String errorName() {
        return error.errorName();
    }

    public String errorType() {
        return error.errorType();
    }

    public int status() {
        return error.status();
    }
}
