using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using MQTTnet;
using PrintFarm.PrinterSimulator.Dialects;
using PrintFarm.PrinterSimulator.Files;

namespace PrintFarm.PrinterSimulator;

/// <summary>
/// A fleet of simulated printers connected to one broker. One shared loop ticks every printer at
/// the telemetry rate (no thread or timer per printer), so a single process can run thousands.
/// Usable in-process from tests: start it, drive it over MQTT, inspect <see cref="Printers"/>.
/// </summary>
public sealed class SimulatedFleet : IAsyncDisposable
{
    private const int ConcurrentConnects = 64;
    private static readonly TimeSpan ConnectionReportInterval = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private const string ManifestFileName = "fleet.json";
    public const string FilesFolderName = "files";
    private const string UploadsInProgressFolderName = ".uploads";

    private readonly IPrinterLink[] _connections;
    private readonly PrinterFileServer? _files;
    private readonly SemaphoreSlim _connectGate = new(ConcurrentConnects);
    private readonly CancellationTokenSource _stopping = new();
    private Task _tickLoop = Task.CompletedTask;
    private int _started;
    private int _disposed;

    /// <param name="timeProvider">
    /// The printers' clock: job progress, finishes and the telemetry cadence follow it.
    /// </param>
    /// <param name="networkClock">
    /// The clock of the network waits (reconnect backoff, goodbye timeouts); real time when not
    /// given, also when the printers run on a test's clock, because MQTTnet's own timeouts are
    /// real time and the printers still have to connect.
    /// </param>
    public SimulatedFleet(SimulatorOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory, TimeProvider? networkClock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors), nameof(options));

        Options = options;
        _time = timeProvider;
        _logger = loggerFactory.CreateLogger<SimulatedFleet>();
        var printerLogger = loggerFactory.CreateLogger<SimulatedPrinter>();
        var connectionLogger = loggerFactory.CreateLogger<PrinterConnection>();
        var dialectLogger = loggerFactory.CreateLogger("PrintFarm.PrinterSimulator.Dialects");
        var factory = new MqttClientFactory();
        var reconnect = options.Reconnect(networkClock ?? TimeProvider.System);

        _connections = new IPrinterLink[options.Printers];
        var printers = new SimulatedPrinter[options.Printers];
        var speakers = new List<IDialectSpeaker>();
        var manifest = new List<FleetManifestEntry>();
        var filePrinters = new List<FileEndpointPrinter>();
        X509Certificate2? bambuAuthority = null;
        var bambuPort = options.BambuPortBase;
        // One FTPS server writes every Bambu printer's uploads: the printers share the one card folder.
        var sdCard = options.BambuSdCard is { } card ? new PrinterStorage(card, options.FileTimeScale) : null;
        if (sdCard is not null) Directory.CreateDirectory(sdCard.Folder);
        for (var i = 0; i < options.Printers; i++)
        {
            var number = i + 1;
            var printer = printers[i] = FleetRoster.CreatePrinter(options, number, timeProvider, printerLogger);
            var dialect = options.DialectOf(number);
            var entry = new FleetManifestEntry
            {
                Id = printer.Id, Name = $"{printer.Capabilities.Model} {number}", Dialect = dialect, Model = printer.Capabilities.Model,
                Technology = printer.Capabilities.Technology, Materials = printer.Capabilities.Materials,
            };
            switch (dialect)
            {
                case PrinterDialect.Bambu:
                {
                    bambuAuthority ??= BambuCertificates.LoadOrCreateAuthority(options.StateDirectory);
                    // The serial is the printer id: it is the topic segment and the certificate's name.
                    var speaker = new BambuSpeaker(printer, printer.Id, options.DialectPrintTime, timeProvider, dialectLogger,
                        options.BambuRefuseCommands, sdCard);
                    var certificate = BambuCertificates.IssuePrinterCertificate(bambuAuthority, speaker.Serial);
                    _connections[i] = new BambuPrinterLink(speaker, certificate, IPAddress.Parse(options.BambuHost), bambuPort,
                        options.BambuAccessCode, dialectLogger);
                    speakers.Add(speaker);
                    entry = entry with
                    {
                        Bambu = new FleetManifestBambu(ReachableHost(options.BambuHost), speaker.Serial, options.BambuAccessCode, bambuPort,
                            Path.GetFullPath(Path.Combine(options.StateDirectory, BambuCertificates.CertificateFileName)), options.BambuFtpsPort),
                    };
                    bambuPort++;
                    break;
                }
                case PrinterDialect.OctoPrint:
                {
                    var files = FilesOf(options, printer, PrinterDialect.OctoPrint, filePrinters);
                    var speaker = new OctoPrintSpeaker(printer, options.OctoPrintBaseTopicFor(printer.Id), options.DialectPrintTime,
                        timeProvider, dialectLogger, files.Storage);
                    _connections[i] = new BrokerDialectLink(speaker, factory, options.BrokerHost, options.BrokerPort, _connectGate,
                        reconnect, dialectLogger, options.PasswordOf(printer.Id));
                    speakers.Add(speaker);
                    entry = entry with { OctoPrint = new FleetManifestOctoPrint(speaker.BaseTopic, ApiKey: files.ApiKey) };
                    break;
                }
                case PrinterDialect.Moonraker:
                {
                    var files = FilesOf(options, printer, PrinterDialect.Moonraker, filePrinters);
                    var speaker = new MoonrakerSpeaker(printer, options.MoonrakerInstanceFor(printer.Id), options.DialectPrintTime,
                        timeProvider, dialectLogger, files.Storage);
                    _connections[i] = new BrokerDialectLink(speaker, factory, options.BrokerHost, options.BrokerPort, _connectGate,
                        reconnect, dialectLogger, options.PasswordOf(printer.Id));
                    speakers.Add(speaker);
                    entry = entry with { Moonraker = new FleetManifestMoonraker(speaker.Instance, ApiKey: files.ApiKey) };
                    break;
                }
                default:
                    _connections[i] = new PrinterConnection(printer, factory, options.BrokerHost, options.BrokerPort,
                        _connectGate, reconnect, connectionLogger, options.PasswordOf(printer.Id));
                    break;
            }
            manifest.Add(entry);
        }
        Printers = printers;
        Speakers = speakers;
        BambuAuthorityPath = bambuAuthority is null
            ? null
            : Path.GetFullPath(Path.Combine(options.StateDirectory, BambuCertificates.CertificateFileName));
        if (filePrinters.Count > 0)
        {
            // Listening before the constructor returns: fleet.json must name the port, and a farm may
            // read it (Fleet:PrintersFile) before the fleet is started.
            _files = PrinterFileServer.StartAsync(options.FilesPort, filePrinters,
                    Path.Combine(options.StateDirectory, FilesFolderName, UploadsInProgressFolderName), options.MaxUploadBytes,
                    loggerFactory.CreateLogger<PrinterFileServer>(), CancellationToken.None)
                .GetAwaiter().GetResult();
            var byId = filePrinters.ToDictionary(p => p.Id, StringComparer.Ordinal);
            for (var i = 0; i < manifest.Count; i++)
            {
                var e = manifest[i];
                if (!byId.TryGetValue(e.Id, out var served)) continue;
                manifest[i] = e with
                {
                    OctoPrint = e.OctoPrint is { } o ? o with { Url = _files.UrlOf(served) } : null,
                    Moonraker = e.Moonraker is { } m ? m with { Url = _files.UrlOf(served) } : null,
                };
            }
        }
        Manifest = manifest;
        FilePrinters = filePrinters;
        try
        {
            if (speakers.Count > 0) WriteManifest(options.StateDirectory, manifest);
        }
        catch
        {
            _files?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>
    /// The storage and API key of an OctoPrint or Moonraker printer. The key is drawn at random for
    /// each printer the first time and kept in the state folder (readable by the owner only), so a
    /// restarted simulator answers to the key the farm registered, as a real OctoPrint or Moonraker
    /// keeps its key across restarts. It is written to fleet.json, never to a log.
    /// </summary>
    private static FileEndpointPrinter FilesOf(SimulatorOptions options, SimulatedPrinter printer, PrinterDialect dialect,
        List<FileEndpointPrinter> served)
    {
        var storage = new PrinterStorage(Path.Combine(options.StateDirectory, FilesFolderName, printer.Id), options.FileTimeScale);
        Directory.CreateDirectory(storage.Folder);
        var files = new FileEndpointPrinter(printer, dialect, ApiKeyOf(options.StateDirectory, printer.Id), storage);
        served.Add(files);
        return files;
    }

    /// <summary>The printer's API key from an earlier run, or a new one, kept for the next.</summary>
    private static string ApiKeyOf(string stateDirectory, string printerId)
    {
        var folder = Path.Combine(stateDirectory, ApiKeysFolderName);
        var path = Path.Combine(folder, printerId);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: 32 } kept) return kept;
        Directory.CreateDirectory(folder);
        var key = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var temporary = path + ".part";
        using (var file = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.Create, Access = FileAccess.Write,
            UnixCreateMode = OperatingSystem.IsWindows() ? null : UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        using (var writer = new StreamWriter(file)) writer.Write(key);
        File.Move(temporary, path, overwrite: true);
        return key;
    }

    /// <summary>Where the OctoPrint and Moonraker printers' API keys are kept between runs, under the state folder.</summary>
    public const string ApiKeysFolderName = "api-keys";

    /// <summary>The OctoPrint and Moonraker printers' file endpoints: storage folders and API keys, in printer-number order.</summary>
    public IReadOnlyList<FileEndpointPrinter> FilePrinters { get; }

    /// <summary>The loopback port of the file endpoints, when the fleet has OctoPrint or Moonraker printers.</summary>
    public int? FilesPort => _files?.Port;

    /// <summary>The dialect speakers of the non-native printers, in printer-number order.</summary>
    public IReadOnlyList<IDialectSpeaker> Speakers { get; }

    /// <summary>How the farm reaches each printer; the non-native ones are also written to <c>fleet.json</c>.</summary>
    public IReadOnlyList<FleetManifestEntry> Manifest { get; }

    /// <summary>The CA the simulated Bambu printers' certificates chain to, when there are any.</summary>
    public string? BambuAuthorityPath { get; }

    /// <summary>Listening on every address is fine; connecting to "every address" is not.</summary>
    private static string ReachableHost(string listenAddress) =>
        IPAddress.TryParse(listenAddress, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
            ? "127.0.0.1"
            : listenAddress;

    private static void WriteManifest(string directory, IReadOnlyList<FleetManifestEntry> manifest)
    {
        Directory.CreateDirectory(directory);
        // Native printers announce themselves on farm/printers/{id}/status: only the others need registering.
        var printers = manifest.Where(p => p.Dialect != PrinterDialect.Native).ToList();
        var json = JsonSerializer.Serialize(new { printers }, new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new JsonStringEnumConverter() },
        });
        // It holds the simulated printers' access codes, as a real printer shows its own on its
        // screen: readable by this user only. The farm keeps only their protected form.
        var path = Path.Combine(directory, ManifestFileName);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options)) writer.Write(json);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public SimulatorOptions Options { get; }

    /// <summary>In printer-number order: Printers[0] is sim-001.</summary>
    public IReadOnlyList<SimulatedPrinter> Printers { get; }

    /// <summary>Printers currently connected, subscribed and announced online.</summary>
    public int OnlineCount => _connections.Count(c => c.IsOnline);

    /// <summary>Job events produced but not yet acknowledged by the broker.</summary>
    public int PendingEvents => _connections.Sum(c => c.PendingEvents);

    /// <summary>
    /// Starts connecting every printer and the shared tick loop, then returns; printers keep
    /// (re)connecting in the background. Use <see cref="WaitUntilOnlineAsync"/> to wait for them.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
            throw new InvalidOperationException("The fleet is already started.");

        _logger.LogInformation(
            "Starting {Printers} simulated printers ({FirstId}…{LastId}, {Dialects}) against {BrokerHost}:{BrokerPort}, seed {Seed}, failure rate {FailureRate}, telemetry {TelemetryHz} Hz",
            Options.Printers, Printers[0].Id, Printers[^1].Id, DescribeDialects(), Options.BrokerHost, Options.BrokerPort, Options.Seed,
            Options.FailureRate, Options.TelemetryHz);
        if (Speakers.Count > 0)
            _logger.LogInformation("Dialect printers are listed in {Manifest}", Path.GetFullPath(Path.Combine(Options.StateDirectory, ManifestFileName)));
        foreach (var connection in _connections) connection.Start(_stopping.Token);
        _tickLoop = TickLoopAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    /// <summary>Completes once every printer is online at the same time (polls; for tests and startup).</summary>
    public async Task WaitUntilOnlineAsync(CancellationToken cancellationToken)
    {
        while (OnlineCount < _connections.Length)
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops ticking, then every printer flushes its events, announces offline and disconnects.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stopping.Cancel();
        try
        {
            await _tickLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(_connections.Select(c => c.StopAsync())).ConfigureAwait(false);
        if (Volatile.Read(ref _started) != 0)
            _logger.LogInformation("{Printers} simulated printers went offline in {Milliseconds:F0} ms",
                _connections.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (_files is not null) await _files.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _connectGate.Dispose();
    }

    private string DescribeDialects() => Options.Dialects.Count == 0
        ? Options.Dialect.ToString().ToLowerInvariant()
        : string.Join(",", Options.Dialects.Select(d => $"{d.Dialect.ToString().ToLowerInvariant()}={d.Count}"));

    private async Task TickLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / Options.TelemetryHz), _time);
        var lastReportedOnline = -1;
        var lastReport = long.MinValue;
        while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
        {
            foreach (var connection in _connections)
            {
                try
                {
                    connection.Tick();
                }
                catch (Exception ex)
                {
                    // One broken printer must not stop the rest of the farm.
                    _logger.LogError(ex, "{PrinterId} tick failed", connection.Printer.Id);
                }
            }

            // A fleet-level summary instead of a line per printer connecting.
            if (lastReport != long.MinValue && Stopwatch.GetElapsedTime(lastReport) < ConnectionReportInterval) continue;
            var online = OnlineCount;
            if (online != lastReportedOnline)
            {
                _logger.LogInformation("{Online}/{Printers} printers online, {PendingEvents} events waiting for the broker",
                    online, _connections.Length, PendingEvents);
                lastReportedOnline = online;
            }
            lastReport = Stopwatch.GetTimestamp();
        }
    }
}
