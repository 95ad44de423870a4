/** Auto-configuration of DynamoDB stream consumers: properties, clients and resolved stream definitions. */
package io.github.dynamodbstream.spring;
