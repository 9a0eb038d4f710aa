import java.io.IOException;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local's own main, but listening on 127.0.0.1 only: its command line has no option for
 * the address, and its Jetty server (DynamoDBProxyServer's private `server`, made with
 * `new Server(port)`) binds every interface. Run by start-dynamodb.ts in Java's source-file mode
 * with DynamoDBLocal.jar on the class path; takes DynamoDB Local's usual arguments. Telemetry,
 * which ServerRunner.main configures, is left off. Exits with the process that started it (see
 * exitWhenStdinCloses), so stdin must be a pipe its parent keeps open.
 */
public class DynamoDbLocalOnLoopback {
  public static void main(String[] args) throws Exception {
    exitWhenStdinCloses();
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field server = DynamoDBProxyServer.class.getDeclaredField("server");
    server.setAccessible(true);
    for (Connector connector : ((Server) server.get(proxy)).getConnectors()) {
      ((ServerConnector) connector).setHost("127.0.0.1");
    }
    proxy.start();
  }

  /**
   * Ends this JVM when its parent ends, however it ends (a SIGKILL included): the parent holds the
   * only write end of our stdin and never writes, so a read returns end-of-file exactly when the
   * kernel closes that end at the parent's exit. More reliable than watching
   * ProcessHandle.current().parent().onExit(): the JDK polls a process that is not its child, at
   * intervals growing to seconds, and a parent gone before the watch starts is never noticed (the
   * orphan's parent is then init). System.exit runs the shutdown hooks, as a clean stop's SIGTERM does.
   */
  private static void exitWhenStdinCloses() {
    Thread watcher =
        new Thread(
            () -> {
              try {
                while (System.in.read() != -1) {
                  // Nothing is ever written; a stray byte changes nothing.
                }
              } catch (IOException closed) {
                // An unreadable stdin is as closed as one at end-of-file.
              }
              System.exit(0);
            },
            "exit-with-parent");
    watcher.setDaemon(true);
    watcher.start();
  }
}
