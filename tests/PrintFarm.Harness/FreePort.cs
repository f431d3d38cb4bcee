using System.Net;
using System.Net.Sockets;

namespace PrintFarm.Harness;

/// <summary>
/// A loopback port nobody listens on right now, for a server a test or the bench starts.
/// </summary>
/// <remarks>
/// Not the kernel's pick (port 0): that comes from the ephemeral range, where every outgoing
/// connection (to PostgreSQL, mosquitto, a gateway) also takes its source port. Between this
/// answer and the server binding it, one of the run's own connections could take the port, and
/// the server would fail to start. So ports come from below the ephemeral range, each handed out
/// once per process, starting at a place that differs between processes.
/// </remarks>
public static class FreePort
{
    private const int First = 20_000;
    private const int Last = 32_000; // Linux's ephemeral range starts at 32768

    private static int _next = First + Random.Shared.Next(Last - First);

    public static int Next()
    {
        for (var tries = 0; tries < Last - First; tries++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _next) % (Last - First));
            if (IsFree(port)) return port;
        }
        throw new InvalidOperationException($"No free loopback port between {First} and {Last}.");
    }

    /// <summary>
    /// <paramref name="count"/> consecutive free ports, for a server that takes a range (vsftpd's
    /// passive ports); returns the first.
    /// </summary>
    public static int NextRange(int count)
    {
        for (var tries = 0; tries < (Last - First) / count; tries++)
        {
            var end = First + (int)((uint)Interlocked.Add(ref _next, count) % (Last - First));
            var start = end - count + 1;
            if (start < First) continue;
            var free = true;
            for (var port = start; port <= end && free; port++) free = IsFree(port);
            if (free) return start;
        }
        throw new InvalidOperationException($"No {count} consecutive free loopback ports between {First} and {Last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
