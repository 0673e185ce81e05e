/// The checklist that ships with the tool, in the project's own words: one item for every
/// bullet of the production ML reviewer brief, grouped as Start Here, the seven review areas and
/// Common Blockers. Kept in source rather than as a bundle resource so a copied binary still has it.
public enum DefaultChecklist {
    public static let markdown = #"""
    # Production ML review

    ## Start Here <!-- kind: guide -->

    - **Change is reviewable**: Merge conflicts are resolved, CI is green or its failures are explained, and the diff is against the intended base.
    - **Read the changed files**: Look at `git diff --stat` and the diff of the Python, SQL, YAML, JSON, TOML and notebook files.
    - **Name the ML stages touched**: Say which of data extraction, labelling, features, training, evaluation, packaging, inference, monitoring or deployment the change touches.
    - **Run the light checks**: Run what the project has: unit tests, pytest, ruff, mypy, notebook checks, its own eval commands. Record them as tests run.
    - **Find the design note**: Look for an Iteration Compact or similar note: who cares, the decision changed, metric goals, mistake budget, assumptions, next experiment.
    - **Walk the areas below**: Review every changed file against the review areas below and report findings with file and line, worst first.

    ## Problem Framing and Decision Quality <!-- risk: other -->

    - **Starts from a decision**: The change starts from a user or system decision, not from a preference for a model architecture.
    - **Failure costs are explicit**: Stakeholders and the cost of each failure are stated: false positives, false negatives, latency, compute spend, opacity, missed opportunities.
    - **Metrics follow the mistake budget**: The metrics chosen follow the mistake budget instead of falling back on generic accuracy.
    - **Assumptions are visible**: Assumptions, constraints and missing requirements are written down where a reviewer can challenge them.
    - **Simplest plausible experiment**: The change is the simplest experiment that could address the dominant error mode.
    - **Prior art was checked**: A known nearby problem or existing solution was looked at before building something bespoke.
    - **Adversaries and feedback loops**: Where relevant, adversarial behaviour, incentives, selective disclosure, distribution shift and feedback loops were considered.

    ## Metrics, Thresholds, and Error Analysis <!-- risk: weak eval -->

    - **Baseline before complexity**: The baseline and current production behaviour are compared before the model gets more complex.
    - **Metrics fit the decision**: Precision, recall, F1, AUC, calibration, latency, cost and slice metrics are used only where they match the decision being made.
    - **Thresholds are product decisions**: Thresholds and configs carry explicit trade-offs, not magic constants.
    - **Mistakes inspected directly**: False positives and false negatives are looked at one by one and clustered by what they share.
    - **Mistakes traced to a cause**: Important mistakes are traced to label quality, missing signal, threshold or config, product ambiguity, a data bug or a serving mismatch.
    - **Lessons become guards**: What the errors taught becomes regression tests, eval slices, dashboard panels or runbook entries.

    ## Data Contract and Leakage <!-- risk: data leakage -->

    - **Grain, keys and times explicit**: Entity grain, primary key, label timestamp, feature timestamp and snapshot or version are stated.
    - **Splits respect time and entities**: Train/test splits respect time, user or entity grouping and the boundaries of production prediction.
    - **Point-in-time correct joins**: Feature joins use no future labels, post-outcome fields or mutable aggregates.
    - **Inputs validated**: Missing values, units, ranges, categorical domains and schema drift are checked before training and before serving.
    - **PII excluded or justified**: Personal and sensitive attributes are left out or justified, with retention and logging controls.

    ## Training Reproducibility <!-- risk: irreproducible training -->

    - **Runnable without a notebook**: Training runs from code, config, dataset version and seed, with no notebook state.
    - **Run metadata recorded**: Hyperparameters, preprocessing, dependency versions, code SHA, metrics and artifact URI are recorded.
    - **Randomness handled**: Seeds and GPU nondeterminism are handled on purpose.
    - **No shared mutation**: Transformations do not mutate shared data frames or global config.
    - **Idempotent, versioned outputs**: Retries are idempotent and cannot overwrite a known-good artifact without a new version.

    ## Evaluation and Promotion <!-- risk: weak eval -->

    - **Compared with baseline and prod**: Metrics are compared with a baseline and with the model now in production.
    - **Gates declared up front**: Promotion gates are declared before selection and fail closed.
    - **Slices cover key cohorts**: Slice metrics cover important cohorts, traffic sources, geographies, devices, languages and sparse segments.
    - **Guardrail metrics included**: Calibration, latency, cost, fairness and business guardrails are included where they matter.
    - **Test set not tuned against**: The test data is not used over and over for tuning.
    - **Failure modes have tests**: Regression tests cover the known model, data and serving failure modes.

    ## Serving and Deployment <!-- risk: unsafe serving -->

    - **Train/serve transforms shared**: Training and serving transformations are the same code, or tested for equivalence.
    - **Input schema rejects bad data**: The input schema rejects stale, missing, invalid and out-of-range features.
    - **Output carries model version**: The output schema carries the model version, and confidence or calibration fields where useful.
    - **Timeouts, limits, fallback**: The inference path has timeouts, resource limits, defined batching and fallback logic.
    - **Artifact is self-contained**: The packaged artifact includes preprocessing, config, version, dataset reference and dependency constraints.
    - **Rollout can be undone**: The rollout plan supports shadow traffic, canary, A/B test or immediate rollback as appropriate.

    ## Monitoring and Incident Response <!-- risk: missing monitoring -->

    - **Monitors data and predictions**: Monitoring covers service health, feature drift, prediction drift, label arrival, delayed quality and business guardrails.
    - **Logs join to labels safely**: Logs carry enough identifiers to join predictions to late labels without leaking sensitive data.
    - **Alerts have owners**: Alerts have thresholds and named owners.
    - **Rollback is specified**: Rollback names the previous artifact, config, data dependency and traffic switch.
    - **Runbooks cover ML failures**: On-call runbooks cover stale features, missing labels, server overload, schema drift and a bad artifact promotion.

    ## Common Blockers <!-- kind: blockers -->

    - **Random split on temporal data** <!-- risk: data leakage -->: A random train/test split on data that depends on time or on the user.
    - **Features unavailable at serve time** <!-- risk: data leakage -->: Feature generation uses fields that do not exist when the prediction is made.
    - **Key slices regress** <!-- risk: weak eval -->: The offline metric improves while important slices get worse.
    - **Preprocessing copied to serving** <!-- risk: unsafe serving -->: Training preprocessing was copied into the serving code by hand.
    - **No model version in logs** <!-- risk: missing monitoring -->: Prediction logs do not record the model version.
    - **Promotion by hand** <!-- risk: irreproducible training -->: Promotion depends on a notebook, a chart looked at by hand, or a local file.
    - **Uptime-only monitoring** <!-- risk: missing monitoring -->: Monitoring checks only that the service is up, not data or prediction quality.
    - **Rollback needs retraining** <!-- risk: unsafe serving -->: Going back to the previous model requires training it again.
    - **Secrets or PII exposed** <!-- risk: data leakage -->: Secrets, credentials or personal data appear in datasets, notebooks, logs, prompts or artifacts.
    """#
}
