# Databricks notebook source
# MAGIC %md
# MAGIC ## LangChain example
# MAGIC Wraps Dolly's generation in a LangChain `HuggingFacePipeline` and runs prompts with and without context.

# COMMAND ----------

from langchain import LLMChain, PromptTemplate
from langchain.llms import HuggingFacePipeline
from transformers import pipeline

generate_text = pipeline(model="databricks/dolly-v2-12b", trust_remote_code=True, device_map="auto", return_full_text=True)
llm = HuggingFacePipeline(pipeline=generate_text)

prompt = PromptTemplate(input_variables=["instruction"], template="{instruction}")
prompt_with_context = PromptTemplate(input_variables=["instruction", "context"], template="{instruction}\n\nInput:\n{context}")

print(LLMChain(llm=llm, prompt=prompt).predict(instruction="Explain to me the difference between nuclear fission and fusion.").lstrip())
context = "George Washington (February 22, 1732 - December 14, 1799) was the first president of the United States, from 1789 to 1797."
print(LLMChain(llm=llm, prompt=prompt_with_context).predict(instruction="When was George Washington president?", context=context).lstrip())
