// `--target URL` and `--model NAME[:VERSION]`, shared by the commands that read a scenario (run, sweep):
// a shipped scenario pointed at one's own server and model without editing it (scenarioOverrides.ts).

export const scenarioOverrideOptions = {
  target: { type: 'string', describe: "Drive this running V2 server instead of the scenario's target (every variant's; reference options are dropped)" },
  model: { type: 'string', describe: "Send every request to this model (NAME or NAME:VERSION) instead of the scenario's model, version or mix" },
} as const;
