// A plain Java 11+ HTTP client (java.net.http), run as a single-file program by
// refusals.int-spec.ts: what a partner's Java system would see of a refusal.
//   java RefusalClient.java post <url> <bodyBytes>   POST a JSON body of that size (with its
//                                                    Content-Length), written at about 20 MB/s
//   java RefusalClient.java get <url>                GET the URL
// Prints the status code on the first line and the body on the second, or
// "transport-error <exception>" when no answer could be read.
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class RefusalClient {
  /** `[` + spaces + `]`, paced so the client is still writing when a server that does not read would close. */
  static InputStream slowJson(long size) {
    return new InputStream() {
      long sent = 0;
      @Override public int read() {
        if (sent >= size) return -1;
        if (sent % 65536 == 0 && sent > 0) {
          try { Thread.sleep(3); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
        long i = sent++;
        return i == 0 ? '[' : i == size - 1 ? ']' : ' ';
      }
    };
  }

  public static void main(String[] args) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(args[1]));
    if (args[0].equals("post")) {
      long size = Long.parseLong(args[2]);
      request.header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> slowJson(size)), size));
    } else {
      request.GET();
    }
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      System.out.println(response.statusCode());
      System.out.println(response.body());
    } catch (java.io.IOException e) {
      System.out.println("transport-error " + e);
    }
  }
}
