package org.roomchat;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The layers, as rules: ports in the core, adapters at the edge. The core (protocol, chat, room,
 * group, guard, account, and the settings and database plumbing they stand on) knows nothing of
 * Redis, WebSocket, pages, metrics, health or the server it runs on; the adapters depend on the
 * core, never the other way round; and no two packages depend on each other.
 */
@AnalyzeClasses(
    packages = "org.roomchat",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

  private static final String[] CORE = {
    "org.roomchat.protocol..",
    "org.roomchat.chat..",
    "org.roomchat.room..",
    "org.roomchat.group..",
    "org.roomchat.guard..",
    "org.roomchat.account..",
    "org.roomchat.config..",
    "org.roomchat.db.."
  };

  private static final String[] ADAPTERS = {
    "org.roomchat.redis..",
    "org.roomchat.websocket..",
    "org.roomchat.web..",
    "org.roomchat.metrics..",
    "org.roomchat.health..",
    "org.roomchat.wiring.."
  };

  /**
   * Libraries that belong to one adapter or one server: the core reaches them through a port. The
   * servlet API is not among them: Jakarta Security, which the accounts stand on, is built on it.
   */
  private static final String[] ADAPTER_LIBRARIES = {
    "redis.clients..",
    "io.prometheus..",
    "jakarta.websocket..",
    "jakarta.faces..",
    "org.eclipse.microprofile.health..",
    "org.glassfish..",
    "fish.payara..",
    "io.undertow..",
    "org.jboss..",
    "org.wildfly..",
    "org.hibernate..",
    "org.eclipse.persistence.."
  };

  @ArchTest
  static final ArchRule packagesFormNoCycles =
      slices().matching("org.roomchat.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule theCoreKnowsNoAdapter =
      noClasses()
          .that()
          .resideInAnyPackage(CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ADAPTERS)
          .because("the core owns its ports and the adapters implement them");

  @ArchTest
  static final ArchRule theCoreUsesNoAdapterOrServerLibrary =
      noClasses()
          .that()
          .resideInAnyPackage(CORE)
          .and()
          .resideOutsideOfPackage("org.roomchat.db..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ADAPTER_LIBRARIES)
          .because("nothing in the core asks which server, store or transport it runs on");

  @ArchTest
  static final ArchRule theProtocolStandsOnNothingOfOurs =
      classes()
          .that()
          .resideInAPackage("org.roomchat.protocol..")
          .should()
          .onlyDependOnClassesThat()
          .resideOutsideOfPackages(
              "org.roomchat.chat..",
              "org.roomchat.room..",
              "org.roomchat.group..",
              "org.roomchat.guard..",
              "org.roomchat.account..",
              "org.roomchat.redis..",
              "org.roomchat.websocket..",
              "org.roomchat.web..",
              "org.roomchat.metrics..",
              "org.roomchat.health..",
              "org.roomchat.wiring..",
              "org.roomchat.db..",
              "org.roomchat.config..")
          .because("everything that speaks frames uses it, so it must sit below all of them");

  @ArchTest
  static final ArchRule theWebSocketAdapterDoesNotTouchEntities =
      noClasses()
          .that()
          .resideInAPackage("org.roomchat.websocket..")
          .should()
          .dependOnClassesThat()
          .areAnnotatedWith(Entity.class)
          .because("sockets outlive transactions: they get plain values from the core's services");

  @ArchTest
  static final ArchRule onlyTheWiringChoosesRedis =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "org.roomchat.redis..", "org.roomchat.wiring..", "org.roomchat.health..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.roomchat.redis..")
          .because("one place chooses between in-process and Redis adapters");

  @ArchTest
  static final ArchRule settingsAreReadInTheirSettingsBeans =
      noFields()
          .that()
          .areAnnotatedWith(ConfigProperty.class)
          .should()
          .beDeclaredInClassesThat()
          .resideOutsideOfPackage("org.roomchat.config..")
          .because("each setting has one home, in the settings bean of its concern");
}
