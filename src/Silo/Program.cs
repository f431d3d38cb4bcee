using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;
using PrintFarm.Silo;

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
builder.AddPrintFarmSilo();
builder.Build().Run();
