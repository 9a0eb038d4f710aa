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
 * which ServerRunner.main configures, is left off.
 */
public class DynamoDbLocalOnLoopback {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field server = DynamoDBProxyServer.class.getDeclaredField("server");
    server.setAccessible(true);
    for (Connector connector : ((Server) server.get(proxy)).getConnectors()) {
      ((ServerConnector) connector).setHost("127.0.0.1");
    }
    proxy.start();
  }
}
