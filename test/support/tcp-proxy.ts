import net from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a real server (PostgreSQL, Redis), to take that server
 * "off the network" in a test. blackhole() cuts every open connection and from then on accepts
 * connections but never forwards or answers them, like a host that vanished without a RST;
 * restore() forwards again.
 */
export class TcpProxy {
  private readonly sockets = new Set<net.Socket>();
  /** Connections accepted while blackholed: never answered. */
  private readonly held = new Set<net.Socket>();
  private blackholed = false;

  private constructor(
    private readonly server: net.Server,
    private readonly target: { host: string; port: number },
  ) {
    server.on('connection', (client) => this.accept(client));
  }

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const server = net.createServer();
    const proxy = new TcpProxy(server, target);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return proxy;
  }

  /** A proxy in front of the host and port of `url`. */
  static forUrl(url: string, defaultPort: number): Promise<TcpProxy> {
    const u = new URL(url);
    return TcpProxy.start({ host: u.hostname, port: Number(u.port || defaultPort) });
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** `url` with its host and port replaced by the proxy's. */
  urlFor(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  blackhole(): void {
    this.blackholed = true;
    this.destroyAll();
  }

  /** Forwards new connections again; those accepted while blackholed are cut (they would hang forever). */
  restore(): void {
    this.blackholed = false;
    for (const socket of this.held) socket.destroy();
    this.held.clear();
  }

  async close(): Promise<void> {
    this.destroyAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.held.delete(socket);
    });
  }

  private destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.held.clear();
  }

  private accept(client: net.Socket): void {
    this.track(client);
    if (this.blackholed) {
      this.held.add(client);
      client.resume(); // read and drop whatever the client sends; never answer
      return;
    }
    const upstream = net.connect(this.target.port, this.target.host);
    this.track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }
}
