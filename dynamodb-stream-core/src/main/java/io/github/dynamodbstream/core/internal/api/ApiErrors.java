package io.github.dynamodbstream.core.internal.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;

/** Sorts the errors of DynamoDB Streams calls. */
public final class ApiErrors {

    private ApiErrors() {
    }

    /** Whether the call was throttled. */
    public static boolean isThrottling(SdkException e) {
        return e instanceof LimitExceededException
                || (e instanceof SdkServiceException service && service.isThrottlingException());
    }

    /** Whether trying the same call again may succeed: throttling, a 5xx answer, or a network error. */
    public static boolean isRetryable(SdkException e) {
        if (isThrottling(e)) {
            return true;
        }
        if (e instanceof SdkServiceException service) {
            return service.statusCode() >= 500;
        }
        if (e instanceof SdkClientException) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof IOException || cause instanceof UncheckedIOException) {
                    return true;
                }
            }
            return e.retryable();
        }
        return false;
    }

    /** The error code of a failed call, for metrics: {@code LimitExceededException}, or the exception's class name. */
    public static String code(SdkException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorCode() != null) {
            return aws.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }

    /** Whether the call failed because its answer could not be parsed: the endpoint did not answer valid JSON. */
    public static boolean isUnreadableAnswer(Throwable e) {
        if (!(e instanceof SdkClientException)) {
            return false;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getClass().getName().contains(".jackson.core.")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the call failed because the SDK found no credentials to sign it with. */
    public static boolean isMissingCredentials(Throwable e) {
        return e instanceof SdkClientException && e.getMessage() != null
                && e.getMessage().contains("Unable to load credentials");
    }

    /** A one-line description of a failure, for logs and results. */
    public static String describe(Throwable e) {
        if (isMissingCredentials(e)) {
            return "no AWS credentials: the SDK found none in its default places (environment variables "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, the aws.accessKeyId system property, a profile of "
                    + "~/.aws/credentials, web identity, a container or instance role). Give the client credentials, "
                    + "or run with a role that has them (" + firstLine(e) + ")";
        }
        if (isUnreadableAnswer(e)) {
            return e.getClass().getSimpleName() + ": the endpoint's answer is not valid JSON (" + firstLine(e)
                    + "). Check the endpoint URL (endpointOverride) and any proxy in between: something other than "
                    + "DynamoDB Streams answered, or the answer was cut short";
        }
        String message = e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                ? aws.awsErrorDetails().errorMessage() : e.getMessage();
        String code = e instanceof SdkException sdk ? code(sdk) : e.getClass().getSimpleName();
        return message == null ? code : code + ": " + message;
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
