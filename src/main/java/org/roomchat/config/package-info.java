/**
 * Settings, one small bean per concern, each read through MicroProfile Config with its default
 * written once. Depends on nothing else of the application.
 */
package org.roomchat.config;
