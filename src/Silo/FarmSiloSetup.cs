using PrintFarm.Silo.Activations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PrintFarm.Jobs;
using PrintFarm.Printers;
using PrintFarm.Silo.Mqtt;
using PrintFarm.Silo.Schedules;
using PrintFarm.Silo.Secrets;
using PrintFarm.Silo.Stats;
using PrintFarm.Silo.Metrics;
using PrintFarm.Silo.Storage;
using PrintFarm.Silo.Designs;
using PrintFarm.Silo.Telemetry;
using PrintFarm.Printers.Links;
using PrintFarm.Silo.Telemetry.Links;
using PrintFarm.Printers.Files;
using PrintFarm.Silo.PrintFiles;
using PrintFarm.Silo.Notifications;

namespace PrintFarm.Silo;

/// <summary>
/// The silo's wiring, in start order: broker, then Orleans, then the MQTT connection that feeds
/// grains (hosted services start in the order they are registered).
/// </summary>
public static class FarmSiloSetup
{
    public static IHostApplicationBuilder AddPrintFarmSilo(this IHostApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.Services.AddFarmDomain(config);
        var cluster = SettingsCheck.Read<FarmClusterOptions>(config, FarmClusterOptions.Section);
        builder.Services.AddConnectionOptions(config);
        // Each silo of a cluster keeps its own broker session; one machine may run several silos.
        builder.Services.PostConfigure<MqttOptions>(mqtt =>
        {
            mqtt.ClientId ??= mqtt.Embedded ? "printfarm-silo" : $"printfarm-silo-{Environment.MachineName}-{cluster.SiloPort}";
            // The embedded broker refuses anonymous clients, the silo's own included: without a
            // configured account the silo makes one that only this process knows.
            if (mqtt.Embedded && mqtt.Username is null)
            {
                mqtt.Username = "printfarm-silo";
                mqtt.Password = PrintFarm.Printers.Access.PrinterPassword.New();
            }
        });
        builder.Services.AddOptions<MosquittoFilesOptions>().Bind(config.GetSection(MosquittoFilesOptions.Section));

        builder.Services.AddSingleton<IPrinterCredentialsLookup, GrainCredentialsLookup>();
        builder.Services.AddSingleton<BrokerLogins>();
        builder.Services.AddSingleton<EmbeddedBroker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        builder.AddPostgresSchemaAtStart(cluster);
        // Printers' access codes are kept protected; the key ring is in the farm's database.
        builder.AddFarmDataProtection();
        // Design files, addressed by their SHA-256, where every silo can read them.
        builder.AddDesignFiles();
        // Webhooks, notification URLs and emails, each receiver's queue retried for a day.
        builder.Services.AddFarmNotifications(config);

        using var startupLogs = LoggerFactory.Create(l => l.AddSimpleConsole());
        builder.UseOrleans(silo => silo
            .UseFarmClustering(cluster, config)
            .AddFarmStorage(config, startupLogs.CreateLogger("PrintFarm.Storage"))
            .AddIncomingGrainCallFilter<StorageFailureFilter>());
        // Waiting orders and jobs leave memory soon; their state is stored.
        builder.Services.AddFarmActivations(config);
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, OpenWorkWaker>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, Accounts.AccountSeeder>();

        // How fast a dead silo is noticed (probes, votes): Orleans' own options, tunable by
        // operators (Orleans:Membership:ProbeTimeout, NumMissedProbesLimit, ...).
        builder.Services.Configure<Orleans.Configuration.ClusterMembershipOptions>(config.GetSection("Orleans:Membership"));
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, MembershipSettingsLog>();

        // A database failure while a grain activates happens outside the grain call filter; let
        // the driver's exception cross the wire (Orleans only ships "Microsoft."/"System." ones
        // by default) so the gateway can still tell it apart and answer 503.
        builder.Services.Configure<Orleans.Serialization.ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));

        // After Orleans: seeds printer credentials, then lets printers log in and keeps mosquitto's files.
        builder.Services.AddSingleton<MosquittoFiles>();
        builder.Services.AddHostedService<BrokerAccessKeeper>();

        builder.Services.AddSingleton<FarmProtocolIngress>();
        builder.Services.AddSingleton<IMqttSubscriber>(sp => sp.GetRequiredService<FarmProtocolIngress>());
        builder.Services.AddSingleton<FarmMqttClient>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FarmMqttClient>());
        builder.Services.AddSingleton<MqttCommandSender>();
        builder.Services.AddSingleton<IPrinterCommandSender, DialectCommandSender>();
        builder.AddFarmSchedules();

        // Registered Bambu, OctoPrint and Moonraker printers: one link grain each.
        builder.Services.AddOptions<FleetOptions>().Bind(config.GetSection(FleetOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // CA files named by path must be in one folder: by default the printers file's own.
        builder.Services.PostConfigure<LinkOptions>(links => links.CaCertificateFolder ??=
            config[$"{FleetOptions.Section}:{nameof(FleetOptions.PrintersFile)}"] is { Length: > 0 } file ? Path.GetDirectoryName(Path.GetFullPath(file)) : null);
        builder.Services.AddSingleton<IPrinterConnectionFactory, MqttPrinterConnectionFactory>();
        // Each job's file goes to its printer before the start: HTTP for OctoPrint and Moonraker, FTPS for Bambu.
        builder.Services.AddOptions<PrintFileOptions>().Bind(config.GetSection(PrintFileOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IPrintFileSender, PrintFileSender>();
        builder.Services.AddSingleton<FleetRegistrar>();
        builder.Services.AddHostedService<LinkKeeper>();

        // The benchmark's window into the silo; nothing listens to the grains' metrics without it.
        builder.Services.AddOptions<StatsOptions>().Bind(config.GetSection(StatsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        if (!string.IsNullOrWhiteSpace(config[$"{StatsOptions.Section}:{nameof(StatsOptions.Path)}"]))
            builder.Services.AddHostedService<SiloStatsWriter>();
        builder.AddSiloMetrics(); // Metrics:SiloUrl, off by default
        return builder;
    }

    /// <summary>
    /// The settings of the silo's connections (broker, printer links), with their retry delays:
    /// a value out of range stops the silo at start, naming the setting, rather than making a
    /// loop spin or never come back.
    /// </summary>
    internal static IServiceCollection AddConnectionOptions(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<MqttOptions>().Bind(config.GetSection(MqttOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LinkOptions>().Bind(config.GetSection(LinkOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
