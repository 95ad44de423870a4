/** DynamoDB condition, filter, update, projection and key condition expressions: parsing and evaluation. */
package io.github.dynamodbstream.emulator.internal.expression;
