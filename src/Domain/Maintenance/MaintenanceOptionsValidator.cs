using Microsoft.Extensions.Options;

namespace PrintFarm.Maintenance;

/// <summary>A configured window that cannot be read stops the silo at start, naming the window and the field.</summary>
public sealed class MaintenanceOptionsValidator : IValidateOptions<MaintenanceOptions>
{
    public ValidateOptionsResult Validate(string? name, MaintenanceOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Windows.Count; i++)
        {
            try
            {
                MaintenanceWindow.Parse(options.Windows[i]);
            }
            catch (InvalidMaintenanceWindowException ex)
            {
                failures.AddRange(ex.Errors.Select(e => $"{MaintenanceOptions.Section}:Windows:{i}:{e.Key}: {string.Join(" ", e.Value)}"));
            }
        }
        if (options.Margin < TimeSpan.Zero) failures.Add($"{MaintenanceOptions.Section}:Margin must not be negative.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
