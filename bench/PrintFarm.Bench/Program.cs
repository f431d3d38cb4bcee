using PrintFarm.Bench;

// e.g. PrintFarm.Bench estimates --printers 200 --orders 2000 --days 7 --seed 42 --output .farm/bench/estimates.json
return await BenchCommandLine.RunAsync(args);
