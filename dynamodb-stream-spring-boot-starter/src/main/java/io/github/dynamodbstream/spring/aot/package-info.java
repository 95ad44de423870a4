/**
 * Ahead-of-time processing and native images: the runtime hints of what the starter reflects on, among them the
 * item types the properties name.
 */
package io.github.dynamodbstream.spring.aot;
