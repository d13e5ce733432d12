/**
 * The agent crew (issue 8, part 1): agents as data (resources/agents/*.yaml) in a registry that
 * plugins will register into too, the step executor the run engine calls for each agent step,
 * and the content policy applied to proposals.
 */
export { composeAgents, type AgentsConfig, type AgentsDeps, type AgentsServices } from './compose-agents';
export { createAgentRegistry, capabilityProblems, type AgentRegistry, type AgentRegistryDeps, type PromptShape } from './agent-registry';
export { DEFAULT_AGENTS_FOLDER, loadAgentDefinitions, parseAgentYaml } from './agent-loader';
export { createAgentStepExecutor, type AgentStepExecutor, type AgentStepExecutorDeps, type AgentStepRequest, type AgentStepResult, type ProjectBrief } from './agent-step-executor';
export { createAgentContext, type AgentContext, type AgentContextSource, type ScopedMemory, type ScopedMemorySource } from './agent-context';
export { AGENT_VARIABLES, answersJson, isAgentVariable } from './agent-variables';
export { readProseAnswer, type ProseAnswer } from './prose-answer';
export { checkPolicy } from './policy-rules';
export { createPolicyService, parsePolicyYaml, DEFAULT_POLICY_FILE, USER_POLICY_FILE_NAME, type PolicyCheck, type PolicyService } from './policy.service';
export { createAgentsHandlers } from './handlers';
