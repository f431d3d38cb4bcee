using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;
using PrintFarm.Printers;
using PrintFarm.Printers.Access;

namespace PrintFarm.Silo.Mqtt;

/// <summary>
/// The MQTT broker inside the silo for a single-machine farm (MQTTnet.Server). It keeps
/// persistent sessions so QoS 1 events wait for a silo that restarts. Started before the silo
/// so printers can connect as soon as the process is up. Nobody connects without a login: the
/// farm's own account may do anything, a printer only what its <see cref="PrinterTopics"/> allow.
/// </summary>
public sealed partial class EmbeddedBroker(IOptions<MqttOptions> options, BrokerLogins logins, IngressStats stats, ILogger<EmbeddedBroker> logger) : IHostedService, IAsyncDisposable
{
    private static readonly SearchValues<char> ForbiddenInTopicNames = SearchValues.Create("+#\0");

    /// <summary>A topic name can be 65,535 bytes; a log line needs far less to name it.</summary>
    private const int MaxLogged = 200;

    private MqttServer? _server;

    /// <summary>Printers logged in now, by username (= client id = printer id).</summary>
    private readonly ConcurrentDictionary<string, PrinterLoginCheck> _printers = new(StringComparer.Ordinal);
    private int _connections;
    private int _retained;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Embedded) return;
        var address = IPAddress.TryParse(o.Host, out var ip) ? ip : IPAddress.Loopback;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(address)
            .WithDefaultEndpointPort(o.Port)
            .WithPersistentSessions()
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions, [new PacketSizeLimitedTcpAdapter(o.MaxPacketBytes)]);
        _server.ValidatingConnectionAsync += ValidateLogin;
        _server.ClientConnectedAsync += _ => { Interlocked.Increment(ref _connections); return Task.CompletedTask; };
        _server.ClientDisconnectedAsync += e =>
        {
            Interlocked.Decrement(ref _connections);
            return Task.CompletedTask;
        };
        _server.InterceptingPublishAsync += CheckPublish;
        _server.InterceptingSubscriptionAsync += CheckSubscription;
        _server.RetainedMessageChangedAsync += e => { Volatile.Write(ref _retained, e.StoredRetainedMessages.Count); return Task.CompletedTask; };
        await _server.StartAsync();
        LogStarted(address, o.Port);
    }

    /// <summary>
    /// Anonymous clients and wrong passwords are refused; a reserved client id is the farm's
    /// alone (taking it would take over a silo's or a link's session, queued events included);
    /// a printer's client id is its printer id, so one printer cannot take over another's.
    /// </summary>
    private async Task ValidateLogin(ValidatingConnectionEventArgs e)
    {
        var clientId = e.ClientId ?? "";
        if (logins.IsFarm(e.UserName, e.Password))
        {
            e.ReasonCode = MqttConnectReasonCode.Success;
            return;
        }
        if (BrokerAccess.IsReservedClientId(clientId))
        {
            Refuse(e, MqttConnectReasonCode.NotAuthorized, "reserved client id without the farm's credentials");
            return;
        }
        if (string.IsNullOrEmpty(e.UserName) || string.IsNullOrEmpty(e.Password))
        {
            Refuse(e, MqttConnectReasonCode.BadUserNameOrPassword, "no username or password");
            return;
        }
        if (clientId != e.UserName)
        {
            Refuse(e, MqttConnectReasonCode.ClientIdentifierNotValid, "a printer's client id must be its printer id");
            return;
        }
        if (Volatile.Read(ref _connections) >= options.Value.MaxConnections)
        {
            Refuse(e, MqttConnectReasonCode.ServerBusy, $"the broker holds Mqtt:MaxConnections ({options.Value.MaxConnections}) connections");
            return;
        }
        if (!logins.Ready)
        {
            Refuse(e, MqttConnectReasonCode.ServerUnavailable, "the silo is still starting");
            return;
        }
        PrinterLoginCheck? login;
        try
        {
            login = await logins.CheckPrinter(e.UserName, e.Password);
        }
        catch (Exception ex)
        {
            LogLoginCheckFailed(Printable(clientId), ex.Message);
            Refuse(e, MqttConnectReasonCode.ServerUnavailable, "the farm could not check the login");
            return;
        }
        if (login is null)
        {
            Refuse(e, MqttConnectReasonCode.BadUserNameOrPassword, "wrong username or password");
            return;
        }
        _printers[e.UserName] = login;
        e.ReasonCode = MqttConnectReasonCode.Success;
    }

    private void Refuse(ValidatingConnectionEventArgs e, MqttConnectReasonCode code, string why)
    {
        e.ReasonCode = code;
        stats.CountRefusedLogin();
        LogRefused(Printable(e.ClientId ?? ""), Printable(e.UserName ?? "(none)"), why);
    }

    /// <summary>
    /// MQTT forbids the wildcards '+' and '#' and U+0000 in a topic name, and a receiver of such
    /// a PUBLISH must close the network connection (3.1.1 §1.5.3, §3.3.2.1, §4.7.1; 5.0 §1.5.4,
    /// §3.3.2.1, §4.7.3). MQTTnet's server delivers it like any other message, to subscribers
    /// whose filters then match a topic nobody can own. The publisher is broken or hostile, so
    /// it goes; other clients never see the message. A printer publishing outside its own
    /// topics goes too (MQTT 3.1.1 has no way to refuse one PUBLISH), and so does its message.
    /// </summary>
    private Task CheckPublish(InterceptingPublishEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (topic is null || topic.AsSpan().IndexOfAny(ForbiddenInTopicNames) >= 0)
        {
            e.ProcessPublish = false;
            e.CloseConnection = true;
            stats.CountForbiddenTopic();
            LogForbiddenTopic(e.ClientId, Printable(topic ?? ""));
            return Task.CompletedTask;
        }
        if (e.UserName is { } user && user == logins.FarmUsername)
        {
            return Task.CompletedTask;
        }
        var retain = e.ApplicationMessage.Retain;
        if (e.UserName is null || !_printers.TryGetValue(e.UserName, out var login) || !login.Topics.MayPublish(topic, retain))
        {
            e.ProcessPublish = false;
            e.CloseConnection = true;
            stats.CountNotItsTopic();
            LogNotItsTopic(e.ClientId, Printable(topic), retain);
            return Task.CompletedTask;
        }
        if (retain && Volatile.Read(ref _retained) >= options.Value.MaxRetainedMessages)
        {
            // Delivered to whoever listens now, not kept for later ones: the broker's memory is bounded.
            e.ApplicationMessage.Retain = false;
            LogRetainedFull(options.Value.MaxRetainedMessages);
        }
        return Task.CompletedTask;
    }

    /// <summary>A printer subscribes to its own commands only (or its dialect's own subtree); '#' and other printers' topics are refused.</summary>
    private Task CheckSubscription(InterceptingSubscriptionEventArgs e)
    {
        if (e.UserName is { } user && user == logins.FarmUsername) return Task.CompletedTask;
        var filter = e.TopicFilter.Topic ?? "";
        if (e.UserName is not null && _printers.TryGetValue(e.UserName, out var login) && login.Topics.MaySubscribe(filter)) return Task.CompletedTask;
        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        LogSubscriptionRefused(e.ClientId, Printable(filter));
        return Task.CompletedTask;
    }

    /// <summary>
    /// A printer's credentials changed (revoked or rotated): a session that logged in with the
    /// old password goes now, and its next login is checked against what the farm stores.
    /// </summary>
    public async Task CredentialsChanged(string printerId, string? currentHash, PrinterTopics? currentTopics = null)
    {
        if (_server is not { IsStarted: true }) return;
        if (!_printers.TryGetValue(printerId, out var login)) return;
        if (login.Hash == currentHash && (currentTopics is null || currentTopics.SameAs(login.Topics))) return;
        _printers.TryRemove(new KeyValuePair<string, PrinterLoginCheck>(printerId, login));
        try
        {
            await _server.DisconnectClientAsync(printerId, new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.NotAuthorized });
            LogDisconnectedRevoked(printerId);
        }
        catch (Exception ex)
        {
            LogDisconnectFailed(printerId, ex.Message);
        }
    }

    /// <summary>The printers logged in now, with the hash they logged in with: checked against the farm's book when a notice may have been missed.</summary>
    public IReadOnlyCollection<(string PrinterId, string Hash)> LoggedInPrinters() => _printers.Select(p => (p.Key, p.Value.Hash)).ToList();

    /// <summary>The topic goes into a log line: no control characters (the NUL, a forged new line) and not all of a long one.</summary>
    private static string Printable(string topic)
    {
        var shown = topic.AsSpan(0, Math.Min(topic.Length, MaxLogged));
        var text = new StringBuilder(shown.Length + 8);
        foreach (var c in shown)
        {
            if (char.IsControl(c)) text.Append($"\\u{(int)c:X4}");
            else text.Append(c);
        }
        if (topic.Length > MaxLogged) text.Append('…');
        return text.ToString();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { IsStarted: true }) await _server.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null) return;
        if (_server.IsStarted) await _server.StopAsync();
        _server.Dispose();
        _server = null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Address}:{Port}")]
    private partial void LogStarted(IPAddress address, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closed the MQTT connection of client {ClientId}: it published to {Topic}, and a topic name may not hold '+', '#' or NUL")]
    private partial void LogForbiddenTopic(string clientId, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closed the MQTT connection of client {ClientId}: it published to {Topic} (retain {Retain}), which is not its own")]
    private partial void LogNotItsTopic(string clientId, string topic, bool retain);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a subscription of client {ClientId} to {Filter}: not its own topics")]
    private partial void LogSubscriptionRefused(string clientId, string filter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused the MQTT connection of client {ClientId} (user {UserName}): {Why}")]
    private partial void LogRefused(string clientId, string userName, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the MQTT login of client {ClientId}: {Error}")]
    private partial void LogLoginCheckFailed(string clientId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retained messages are at Mqtt:MaxRetainedMessages ({Max}); a retained publish was delivered but not kept")]
    private partial void LogRetainedFull(int max);

    [LoggerMessage(Level = LogLevel.Information, Message = "Disconnected printer {PrinterId}: its MQTT credentials were revoked or replaced")]
    private partial void LogDisconnectedRevoked(string printerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not disconnect printer {PrinterId} after its credentials changed: {Error}")]
    private partial void LogDisconnectFailed(string printerId, string error);
}
