using PrintFarm.Harness;
using PrintFarm.Tests.EndToEnd;

namespace PrintFarm.Tests.Access;

/// <summary>A farm with the broker under test: the silo's embedded MQTTnet broker, or mosquitto in the farm's layout with the files the silo writes.</summary>
internal sealed class FarmBroker : IAsyncDisposable
{
    public const string SiloClientId = "printfarm-silo-under-test";

    private FarmBroker(FarmHost farm, PrivateMosquitto? mosquitto)
    {
        Farm = farm;
        Mosquitto = mosquitto;
    }

    public FarmHost Farm { get; }
    public PrivateMosquitto? Mosquitto { get; }

    /// <summary>Where printers connect.</summary>
    public int PrinterPort => Mosquitto?.Port ?? Farm.MqttPort;

    /// <summary>Where the farm's own clients connect (mosquitto has a listener of its own for them).</summary>
    public int FarmPort => Mosquitto?.FarmPort ?? Farm.MqttPort;

    public static async Task<FarmBroker> Start(string broker, IEnumerable<string> printers, CancellationToken ct)
    {
        var settings = new Dictionary<string, string?> { ["Mqtt:ClientId"] = SiloClientId };
        PrivateMosquitto? mosquitto = null;
        if (broker == "mosquitto")
        {
            var password = PrintFarm.Printers.Access.PrinterPassword.New();
            mosquitto = await PrivateMosquitto.StartForFarmAsync(Path.Combine(TestFolders.Root, "access"), FarmHost.FarmUsername, password, ct);
            foreach (var (key, value) in mosquitto.SiloSettings(FarmHost.FarmUsername, password)) settings[key] = value;
        }
        var ids = printers.ToList();
        var farm = new FarmHost(settings: settings, printers: ids);
        await farm.Start();
        if (mosquitto is not null)
        {
            // The silo writes them into mosquitto's files and reloads it: wait for that, not for a time.
            await Eventually.Get(() => Task.FromResult(File.Exists(mosquitto.PasswordFile) ? File.ReadAllText(mosquitto.PasswordFile) : ""),
                text => ids.All(id => text.Contains(id + ":$7$")), TimeSpan.FromSeconds(60), "the printers in mosquitto's password file");
        }
        return new FarmBroker(farm, mosquitto);
    }

    public MQTTnet.MqttClientOptionsBuilder Printer(string printerId, string? password = null) => new MQTTnet.MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", PrinterPort).WithClientId(printerId)
        .WithCredentials(printerId, password ?? Farm.Logins.PasswordOf(printerId));

    public MQTTnet.MqttClientOptionsBuilder FarmClient(string clientId) => new MQTTnet.MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", FarmPort).WithClientId(clientId).WithCredentials(FarmHost.FarmUsername, Farm.FarmPassword);

    public async ValueTask DisposeAsync()
    {
        await Farm.DisposeAsync();
        if (Mosquitto is not null) await Mosquitto.DisposeAsync();
    }
}
