using System.Globalization;
using System.Runtime.CompilerServices;

namespace PrintFarm.Tests;

/// <summary>
/// The tests run with ICU's cultures (the silo's emails need them), but format and parse as the
/// farm does, whatever the machine's locale: the invariant culture by default, as the silo's Program.cs sets it.
/// </summary>
internal static class InvariantCultureByDefault
{
    [ModuleInitializer]
    internal static void Set()
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
    }
}
