using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using PrintFarm.Harness;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace PrintFarm.Tests.Notifications;

/// <summary>A real SMTP server (the SmtpServer package) on a free loopback port; what it is sent, parsed with MimeKit.</summary>
public sealed class TestMailServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private readonly CancellationTokenSource _stop = new();

    public int Port { get; }
    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    private TestMailServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public static TestMailServer Start() => new(FreePort.Next());

    /// <summary>The settings that point a farm at this server.</summary>
    public Dictionary<string, string?> Settings(string shop) => new()
    {
        ["Notifications:Email:SmtpHost"] = "127.0.0.1",
        ["Notifications:Email:SmtpPort"] = Port.ToString(),
        ["Notifications:Email:SmtpSecurity"] = "None",
        ["Notifications:Email:Shop"] = shop,
    };

    public List<MimeMessage> To(string address) => Messages.Where(m => m.To.Mailboxes.Any(b => b.Address == address)).ToList();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _server.Shutdown();
        await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private sealed class Store(TestMailServer server) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            server.Messages.Enqueue(MimeMessage.Load(stream, cancellationToken));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
