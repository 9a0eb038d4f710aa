import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
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
  /**
   * Answers 421 to a request whose Host is not 127.0.0.1 or localhost with this port, before
   * DynamoDB Local sees it. DynamoDB Local takes any credentials, so a public page whose name is
   * rebound to 127.0.0.1 (DNS rebinding) could otherwise read and write every table; SDKs send the
   * endpoint's host and port. Here, in the JVM, rather than in a proxy in front: the JVM's own port
   * would stay open to such a page.
   */
  private static void serveLoopbackHostsOnly(Server jetty) {
    int port = ((ServerConnector) jetty.getConnectors()[0]).getPort();
    Set<String> hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
    jetty.setHandler(
        new Handler.Wrapper(jetty.getHandler()) {
          @Override
          public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String host = request.getHeaders().get(HttpHeader.HOST);
            if (host != null && hosts.contains(host.toLowerCase(Locale.ROOT))) {
              return super.handle(request, response, callback);
            }
            Response.writeError(request, response, callback, 421, "DynamoDB Local answers only Host 127.0.0.1:" + port + " or localhost:" + port);
            return true;
          }
        });
  }

  public static void main(String[] args) throws Exception {
    exitWhenStdinCloses();
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field server = DynamoDBProxyServer.class.getDeclaredField("server");
    server.setAccessible(true);
    for (Connector connector : ((Server) server.get(proxy)).getConnectors()) {
      ((ServerConnector) connector).setHost("127.0.0.1");
    }
    serveLoopbackHostsOnly((Server) server.get(proxy));
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
