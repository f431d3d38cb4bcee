using System.Net;
using System.Net.Sockets;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;

namespace PrintFarm.Silo.Mqtt;

/// <summary>
/// The embedded broker's TCP endpoint, as MQTTnet's own but with every client's bytes read
/// through a <see cref="PacketSizeGuardStream"/>: MQTTnet 5 has no server-side packet size
/// limit and allocates a packet's whole body (up to 256 MB, as its header claims) before it
/// reads it; here a packet that claims more than the limit closes the connection first.
/// </summary>
internal sealed class PacketSizeLimitedTcpAdapter(int maxPacketBytes) : IMqttServerAdapter
{
    private TcpListener? _listener;
    private CancellationTokenSource? _stop;
    private Task _accepting = Task.CompletedTask;

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        var endpoint = options.DefaultEndpointOptions;
        if (!endpoint.IsEnabled) return Task.CompletedTask;
        _listener = new TcpListener(endpoint.BoundInterNetworkAddress ?? IPAddress.Any, endpoint.Port);
        if (endpoint.ReuseAddress) _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start(endpoint.ConnectionBacklog);
        _stop = new CancellationTokenSource();
        _accepting = Accept(options, logger, _stop.Token);
        return Task.CompletedTask;
    }

    private async Task Accept(MqttServerOptions options, IMqttNetLogger logger, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptSocketAsync(stop);
            }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { continue; }
            _ = Task.Run(() => Serve(socket, options, logger), CancellationToken.None);
        }
    }

    private async Task Serve(Socket socket, MqttServerOptions options, IMqttNetLogger logger)
    {
        try
        {
            socket.NoDelay = options.DefaultEndpointOptions.NoDelay;
            var stream = new PacketSizeGuardStream(new NetworkStream(socket, ownsSocket: true), maxPacketBytes);
            using var channel = new MqttTcpChannel(stream, socket.LocalEndPoint!, socket.RemoteEndPoint!, null);
            var formatter = new MqttPacketFormatterAdapter(new MqttBufferWriter(options.WriterBufferSize, options.WriterBufferSizeMax));
            using var adapter = new MqttChannelAdapter(channel, formatter, logger)
            {
                AllowPacketFragmentation = options.DefaultEndpointOptions.AllowPacketFragmentation,
            };
            if (ClientHandler is { } handler) await handler(adapter);
        }
        catch (Exception)
        {
            // One client's broken connection (or a packet over the limit) ends that client only.
        }
        finally
        {
            socket.Dispose();
        }
    }

    public async Task StopAsync()
    {
        _stop?.Cancel();
        _listener?.Stop();
        await _accepting;
    }

    public void Dispose()
    {
        _stop?.Cancel();
        _listener?.Stop();
        _stop?.Dispose();
    }
}
