/**
 * The chat protocol: the frames a client sends and the server sends, their JSON codecs, the error
 * codes and the close codes. Depends on nothing of the application; everything that speaks frames
 * uses it.
 */
package org.roomchat.protocol;
