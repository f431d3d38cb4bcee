using System.Net;
using System.Net.Sockets;
using PrintFarm.Notifications;

namespace PrintFarm.Silo.Notifications;

/// <summary>
/// Connects to a receiver only at an address the farm may call (<see cref="ReceiverAddress"/>),
/// checked after the name is resolved, so a host name that resolves to 127.0.0.1 or 10.0.0.5 is
/// refused like the literal address would be (and a name that changes its answer between check
/// and connect cannot slip through: the address checked is the one connected to).
/// </summary>
public static class GuardedConnection
{
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Callback(NotificationOptions options) =>
        async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            string? refusal = null;
            foreach (var address in addresses)
            {
                if (ReceiverAddress.CheckAddress(address, options.AllowLoopback, options.AllowPrivate) is { } why)
                {
                    refusal = why;
                    continue;
                }
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }
            throw new NotificationRefusedException(refusal ?? $"'{host}' has no address", permanent: refusal is not null);
        };
}
