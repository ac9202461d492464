package org.roomchat.support;

import java.io.File;
import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tests of the built WAR, deployed as it is on a Payara Micro that Arquillian starts for the test
 * class, and driven from outside like a browser or a script would.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class DeployedWar {

  @Deployment(testable = false)
  public static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("roomchat.war", "target/roomchat.war")));
  }

  @ArquillianResource URL deployed;

  /** The server's root, on loopback. */
  protected URI base;

  @BeforeEach
  void loopbackBase() {
    base = ChatHttp.loopback(deployed);
  }
}
