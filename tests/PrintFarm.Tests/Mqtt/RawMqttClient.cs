using System.Net.Sockets;
using System.Text;

namespace PrintFarm.Tests.Mqtt;

/// <summary>
/// An MQTT client written byte by byte, for what a real client library refuses to send (a
/// PUBLISH to a topic name with a wildcard or a NUL). QoS 0 only; MQTT 3.1.1 (level 4) or 5.
/// </summary>
internal sealed class RawMqttClient : IAsyncDisposable
{
    private readonly TcpClient _tcp = new();
    private readonly byte _level;
    private NetworkStream _stream = null!;

    public RawMqttClient(byte protocolLevel) => _level = protocolLevel;

    public async Task Connect(int port, string clientId, CancellationToken ct, string? username = null, string? password = null)
    {
        await _tcp.ConnectAsync("127.0.0.1", port, ct);
        _stream = _tcp.GetStream();
        var body = new List<byte>();
        AddString(body, "MQTT");
        body.Add(_level);
        body.Add((byte)(0x02 | (username is null ? 0 : 0x80) | (password is null ? 0 : 0x40))); // clean session, login
        body.AddRange([0x00, 0x3C]); // keep alive 60 s
        if (_level == 5) body.Add(0x00); // no properties
        AddString(body, clientId);
        if (username is not null) AddString(body, username);
        if (password is not null) AddString(body, password);
        await Send(0x10, body, ct);

        var (type, connAck) = await Receive(ct);
        if (type != 0x20 || connAck.Length < 2 || connAck[1] != 0) throw new InvalidOperationException($"Not accepted: packet 0x{type:X2} [{Convert.ToHexString(connAck)}].");
    }

    public Task Publish(string topic, string payload, CancellationToken ct)
    {
        var body = new List<byte>();
        AddString(body, topic);
        if (_level == 5) body.Add(0x00);
        body.AddRange(Encoding.UTF8.GetBytes(payload));
        return Send(0x30, body, ct);
    }

    /// <summary>PINGREQ, answered by PINGRESP while the broker keeps the connection.</summary>
    public async Task Ping(CancellationToken ct)
    {
        await Send(0xC0, [], ct);
        var (type, _) = await Receive(ct);
        if (type != 0xD0) throw new InvalidOperationException($"Expected PINGRESP, got packet 0x{type:X2}.");
    }

    /// <summary>True once the broker has closed the connection (anything it sends first, e.g. an MQTT 5 DISCONNECT, is skipped).</summary>
    public async Task<bool> ClosedByBroker(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var buffer = new byte[256];
        try
        {
            while (await _stream.ReadAsync(buffer, timeout.Token) > 0) { }
            return true;
        }
        catch (OperationCanceledException) { return false; }
        catch (IOException) { return true; } // reset rather than closed
    }

    private async Task Send(byte header, List<byte> body, CancellationToken ct)
    {
        var packet = new List<byte> { header };
        var length = body.Count;
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            packet.Add(length > 0 ? (byte)(digit | 0x80) : digit);
        } while (length > 0);
        packet.AddRange(body);
        await _stream.WriteAsync(packet.ToArray(), ct);
    }

    private async Task<(byte Type, byte[] Body)> Receive(CancellationToken ct)
    {
        var type = await ReadByte(ct);
        int length = 0, shift = 0;
        byte b;
        do
        {
            b = await ReadByte(ct);
            length |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        var body = new byte[length];
        await _stream.ReadExactlyAsync(body, ct);
        return (type, body);
    }

    private async Task<byte> ReadByte(CancellationToken ct)
    {
        var one = new byte[1];
        await _stream.ReadExactlyAsync(one, ct);
        return one[0];
    }

    private static void AddString(List<byte> to, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        to.Add((byte)(bytes.Length >> 8));
        to.Add((byte)bytes.Length);
        to.AddRange(bytes);
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
