using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PrintFarm.Silo;
using PrintFarm.Silo.Storage;

// `db init`: create the PostgreSQL schema and exit (see DbCommandLine).
if (args is ["db", ..]) return await DbCommandLine.RunAsync(args);
// `logins`: the demo's and the cluster's printer logins file (see LoginsCommandLine).
if (args is ["logins", ..]) return PrintFarm.Silo.Mqtt.LoginsCommandLine.Run(args);

// Cultures are there for emails in the customer's language (asked for by name); everything
// else formats as it would without them, whatever the machine's locale.
System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;

// Settings come from appsettings.json beside the binary, then PRINTFARM_* environment variables,
// then --Section:Key=value arguments (see the README's configuration table).
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Configuration.AddEnvironmentVariables("PRINTFARM_");
builder.Configuration.AddCommandLine(args); // arguments win over the environment
builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
// A burst of warnings (thousands a second when the farm is overloaded) must not stall the farm:
// past its queue the console drops lines and says how many, instead of blocking the threads that
// log (it did: 57 % of the silo's thread time at 10,000 printers, see docs/PERFORMANCE.md).
builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o =>
{
    o.QueueFullMode = Microsoft.Extensions.Logging.Console.ConsoleLoggerQueueFullMode.DropWrite;
    o.MaxQueueLength = 10_000;
});
builder.AddPrintFarmSilo();
await builder.Build().RunAsync();
return 0;
